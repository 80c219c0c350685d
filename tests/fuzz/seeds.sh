#!/usr/bin/env bash
# Build the seed corpora for the fuzz targets from the project's own fixtures and samples,
# plus a few small hand-written hostile inputs. Nothing here is committed as a binary:
# run this once before fuzzing (it only adds files to tests/fuzz/corpus/TARGET/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="$here/corpus"

# seed TARGET NAME [PREFIX-BYTE-IN-OCTAL] < content
seed() {
  local target=$1 name=$2 prefix=${3:-}
  mkdir -p "$corpus/$target"
  if [ -n "$prefix" ]; then
    { printf "\\$prefix"; cat; } > "$corpus/$target/$name"
  else
    cat > "$corpus/$target/$name"
  fi
}

# load_any: the first byte picks the file name (see fuzz_targets/load_any.rs):
# 0 .txt, 2 .json, 3 .jsonl, 4 .csv, 5 .tsv, 6 .md, 7 .html, 8 .xml
any_prefix() {
  case "$1" in
    *.json) echo 002 ;; *.jsonl) echo 003 ;; *.csv) echo 004 ;; *.tsv) echo 005 ;;
    *.md) echo 006 ;; *.html) echo 007 ;; *.xml|*.rdf) echo 010 ;; *) echo 000 ;;
  esac
}

for f in "$root"/tests/fixtures/articles/*.* "$root"/tests/fixtures/articles/sub/* \
         "$root"/tests/fixtures/feeds/* "$root"/tests/fixtures/html/* "$root"/assets/samples/*; do
  [ -f "$f" ] || continue
  base=$(basename "$f")
  seed load_any "$base" "$(any_prefix "$base")" < "$f"
  case "$base" in
    README.md) ;;
    *.txt) seed load_text "$base" < "$f"; seed tokenize "$base" < "$f"
           seed analyze "$base" 002 < "$f" ;;
    *.json) case "$f" in */feeds/*) seed load_feed "$base" < "$f" ;;
            *) seed load_json "$base" 000 < "$f" ;; esac ;;
    *.jsonl) seed load_json "$base" 001 < "$f" ;;
    *.csv) seed load_csv "$base" 000 < "$f" ;;
    *.tsv) seed load_csv "$base" 001 < "$f" ;;
    *.md) seed load_markdown "$base" < "$f" ;;
    *.html) seed load_html "$base" < "$f" ;;
    *.xml|*.rdf) seed load_feed "$base" < "$f" ;;
  esac
done

# Small hostile inputs, written here.
printf 'Judul \033]52;c;SGFja2Vk\007 \033[2J\233\061m\342\200\256\n\nIsi\000 berita \377\376.\r\nBaris\r' \
  | seed load_text escapes.txt
printf '\377\376J\000u\000d\000u\000l\000\n\000' | seed load_text utf16.txt
printf '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{"title":' | seed load_json deep.json 000
printf '{"title": 42, "content": ["a", {"b": null}], "date": true, "authors": 7}' \
  | seed load_json wrong-types.json 000
printf '{"title": "a"}\nnot json\n{"title": \n' | seed load_json bad-lines.jsonl 001
printf 'title,body\n"unbalanced,quote\nshort\na,b,c,d\n' | seed load_csv ragged.csv 000
printf -- '---\ntitle: [unclosed\ndate: : :\n---\n# H\n\nText.\n' | seed load_markdown front.md
printf -- '+++\ntitle = \n+++\nBody\n' | seed load_markdown toml.md
printf '<html><head><meta charset="utf-16"><title>T</title></head><body><article><p>A &amp; B' \
  | seed load_html cut.html
printf '<?xml version="1.0"?><rss><channel><item><title>T</title><description>&lt;p' \
  | seed load_feed cut.xml
printf 'Presiden Joko Widodo dan Sekjen NATO Jens Stoltenberg, kata Badan Pusat Statistik (BPS).' \
  | seed tokenize names.txt
printf 'e\314\201 \360\237\221\250\342\200\215\360\237\221\251 \360\237\207\256\360\237\207\251 \327\251\327\234\327\225\327\235 \302\255\342\200\213\t\346\227\245\346\234\254' \
  | seed tokenize unicode.txt
printf 'Wali Kota Siti Rahmawati\nSiti Rahmawati meminta warga mengungsi. "Kami siap," kata Siti.\n\nBPBD Riau menyiapkan dapur umum.' \
  | seed analyze names.txt 000
printf 'Oduya\nFinance minister Margaret Oduya said the Northport Harbour Authority (NHA) will expand. NHA agreed.' \
  | seed analyze english.txt 001
echo "seeds in $corpus:"
for d in "$corpus"/*/; do echo "  $(basename "$d"): $(ls "$d" | wc -l)"; done
