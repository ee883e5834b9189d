"""`python -m askbot.model`: provision the embedding model offline and verify it."""

from askbot.model.provisioning import main

raise SystemExit(main())
