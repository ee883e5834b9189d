#!/usr/bin/env bash
# Install, build the index from data/minutes/, answer a sample question, then serve on localhost
# (and start the Telegram bot beside it when ASKBOT_TELEGRAM_TOKEN is set).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
. .venv/bin/activate
askbot build
askbot ask "Hvem jobber med bærekraftig transport?"
if [ -n "${ASKBOT_TELEGRAM_TOKEN:-}" ]; then
  askbot serve --host "${ASKBOT_HOST:-127.0.0.1}" --port "${ASKBOT_PORT:-8000}" &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null' EXIT
  askbot bot
else
  exec askbot serve --host "${ASKBOT_HOST:-127.0.0.1}" --port "${ASKBOT_PORT:-8000}"
fi
