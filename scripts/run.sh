#!/usr/bin/env bash
# Install, build the index from data/minutes/, answer a sample question, then serve on localhost
# (and start the Telegram bot beside it when ASKBOT_TELEGRAM_TOKEN is set).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
# shellcheck disable=SC1091
. .venv/bin/activate
[ -f .env ] && set -a && . ./.env && set +a
askbot build
askbot ask "Hvem jobber med bærekraftig transport?"
HOST=${ASKBOT_HOST:-127.0.0.1} PORT=${ASKBOT_PORT:-8000}
if [ -n "${ASKBOT_TELEGRAM_TOKEN:-}" ]; then
  # The bot is a client of the service: give it a key the service knows.
  if [ -z "${ASKBOT_API_KEY:-}" ]; then
    ASKBOT_API_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(24))')
    export ASKBOT_API_KEY
    export ASKBOT_API_KEYS="${ASKBOT_API_KEYS:+$ASKBOT_API_KEYS,}telegram:$ASKBOT_API_KEY"
  fi
  export ASKBOT_API_URL=${ASKBOT_API_URL:-http://$HOST:$PORT}
  askbot serve --host "$HOST" --port "$PORT" &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true' EXIT
  askbot bot
else
  exec askbot serve --host "$HOST" --port "$PORT"
fi
