import sys

from portrait.demo.cli import main

sys.exit(main())
