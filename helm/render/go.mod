module attest/helm/render

go 1.19
