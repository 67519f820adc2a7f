module attest/tests/helm/render

go 1.19
