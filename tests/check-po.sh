#!/usr/bin/env bash
# The zh_CN translation is complete: every translatable string in the sources
# listed in po/POTFILES.in has a non-fuzzy Chinese translation, and every source
# file that marks strings for translation is listed in POTFILES.in.
set -euo pipefail
src="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"

status=0
# 1. Every file with _( / N_( / C_( / translatable="yes" is listed.
while IFS= read -r f; do
  if ! grep -qxF "$f" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $f"
    status=1
  fi
done < <(grep -rlE '(^|[^A-Za-z0-9_])(N_|_|C_|NC_)\(|translatable="yes"' \
           app plugins ui data --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' 2>/dev/null |
         grep -v '^data/demo/' | sort)

# 2. Every listed file exists.
while IFS= read -r f; do
  case "$f" in ''|'#'*) continue;; esac
  [ -f "$f" ] || { echo "po/POTFILES.in lists a missing file: $f"; status=1; }
done < po/POTFILES.in

# 3. Extract the template as the glib preset does and merge.
grep -vE '^(#|$)' po/POTFILES.in > "$tmp/files"
xgettext --from-code=UTF-8 --add-comments --package-name=huizhen \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --keyword=ngettext:1,2 --keyword=g_ngettext:1,2 --keyword=Description \
  -f "$tmp/files" -o "$tmp/huizhen.pot" 2> "$tmp/xgettext.err" || { cat "$tmp/xgettext.err"; exit 1; }
msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" po/zh_CN.po "$tmp/huizhen.pot"
stats=$(msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "zh_CN: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "po/zh_CN.po is incomplete. Missing:"
    msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep -A1 '^msgid' | head -60
    status=1;;
esac
# 4. The shipped file itself compiles cleanly (format strings match).
msgfmt --check -o /dev/null po/zh_CN.po || status=1
# 5. One word per concept, and Chinese punctuation in Chinese text: overdue
#    is 逾期, never 已到期 ("expired"); no ASCII : ; , ? ! beside a Chinese
#    character (a command-line syntax such as COUNT:HASH keeps its colon, a
#    desktop Keywords list its semicolons).
msgcat --no-wrap po/zh_CN.po | perl -CSD -Mutf8 -ne '
  $id = $1 if /^msgid "(.*)"$/;
  next unless /^msgstr(?:\[\d+\])? "(.*)"$/;
  $str = $1;
  if ($str =~ /已到期/) { print "po/zh_CN.po: 已到期 for “$id”: overdue is 逾期\n"; $bad = 1 }
  if ($str =~ /\p{Han}\s?[:;,?!]|[:;,?!]\s?\p{Han}/ && $id !~ /[A-Z]+:[A-Z]+|^([^;]+;)+$/) {
    print "po/zh_CN.po: ASCII punctuation in Chinese for “$id”: “$str”\n"; $bad = 1 }
  END { exit($bad ? 1 : 0) }' || status=1
exit $status
