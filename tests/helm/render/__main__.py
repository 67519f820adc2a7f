"""`python -m tests.helm.render helm/attest ...`: render the chart offline, like `helm template`."""

import sys

from tests.helm.render import main

sys.exit(main())
