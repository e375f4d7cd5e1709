#!/usr/bin/env bash
# Puts `supportbot` on PATH: a two-line shim that runs this checkout's built CLI (about 0.3 s a call,
# against 6 s for `dotnet run --project src/SupportBot.Cli --`). run.sh calls it; so can you.
# Usage: scripts/install-cli.sh [DIR]   (default: ~/.local/bin when it is on PATH, else /usr/local/bin)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-}
if [[ -z $dir ]]; then
  if [[ :$PATH: == *":$HOME/.local/bin:"* ]]; then dir=$HOME/.local/bin
  elif [[ -w /usr/local/bin ]]; then dir=/usr/local/bin
  else dir=$HOME/.local/bin; fi
fi
mkdir -p "$dir"
dll=$repo/src/SupportBot.Cli/bin/Debug/net10.0/supportbot.dll
cat >"$dir/supportbot.tmp" <<SHIM
#!/usr/bin/env bash
# The SupportBot CLI of the checkout at $repo (written by its scripts/install-cli.sh).
[[ -f "$dll" ]] || dotnet build "$repo/src/SupportBot.Cli" -v q -nologo >&2 || exit 1
exec dotnet "$dll" "\$@"
SHIM
chmod 755 "$dir/supportbot.tmp"
mv "$dir/supportbot.tmp" "$dir/supportbot"
case :$PATH: in
  *":$dir:"*) echo "supportbot: $dir/supportbot (runs $repo's CLI)" ;;
  *) echo "supportbot: $dir/supportbot; add $dir to PATH to call it as 'supportbot'" ;;
esac
