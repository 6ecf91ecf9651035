# Sourced by the prepare-<library>.sh scripts: checks their two arguments (GIT_DIR DEST) and extracts the repository's
# HEAD into DEST, leaving $git_dir and $dest set. DEST must be outside this repository (the library's build must not
# inherit NodeMonitor's Directory.Build.props).
[[ $# -eq 2 ]] || { echo "usage: $0 GIT_DIR DEST" >&2; exit 2; }
git_dir=$1 dest=$2
git --git-dir="$git_dir" rev-parse --git-dir > /dev/null 2>&1 || { echo "$0: $git_dir is not a git repository" >&2; exit 2; }
mkdir -p "$dest"
git --git-dir="$git_dir" archive HEAD | tar -x -C "$dest"
