// A JavaScript consumer of layzner's JSON that knows only docs/json.md.
//
//   node check_evidence.mjs series.json
//
// It reads each source document named in `sources`, then checks every piece
// of evidence against it: with `offset_utf16`, the evidence text is the
// document's text from there on; with `line`, the document's text from the
// start of that line begins with it; both compared as clean_text cleans text.  Every non-null `pointer` must name a
// value of the series, the item whose `key` is in the field path's brackets.
// It prints one JSON object: counts of what it checked, and the failures.
import { readFileSync } from "node:fs";

const series = JSON.parse(readFileSync(process.argv[2], "utf8"));
// TextDecoder drops a UTF-8 byte-order mark, as the contract's offsets do.
const decoder = new TextDecoder("utf-8", { fatal: true });
const documents = new Map(
  series.sources.map((source) => [source.id, decoder.decode(readFileSync(source.path))]),
);

function lineStart(text, line) {
  let start = 0;
  for (let n = 1; n < line; n += 1) {
    start = text.indexOf("\n", start) + 1;
    if (start === 0) return -1;
  }
  return start;
}

function resolve(document, pointer) {
  let node = document;
  for (const escaped of pointer.split("/").slice(1)) {
    const token = escaped.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !(token in node)) return undefined;
    node = node[token];
  }
  return node;
}

const BREAKS = "\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029";
// What layzner.clean_text makes of one character: "" when it is removed.
function clean(c) {
  const code = c.charCodeAt(0);
  if (BREAKS.includes(c)) return " ";
  const control = code < 0x20 || (code >= 0x7f && code < 0xa0);
  const bidi = (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
  return control || bidi ? "" : c;
}

// Whether the document, cleaned as every JSON string is, holds text at position at.
function foundAt(document, at, text) {
  let cleaned = "";
  for (let i = at; cleaned.length < text.length && i < document.length; i += 1) {
    if (document[i] === "\r" && document[i + 1] === "\n") continue; // CR LF is one break
    cleaned += clean(document[i]);
  }
  return cleaned === text;
}

const counts = { offsets: 0, shifted: 0, codePointSlicesWrong: 0, lines: 0, pointers: 0 };
const failures = [];
const everyEvidence = [
  ...series.evidence.flatMap((entry) => entry.evidence),
  ...series.conflicts.flatMap((conflict) => conflict.candidates.flatMap((c) => c.evidence)),
];
for (const evidence of everyEvidence) {
  const text = documents.get(evidence.source);
  if (text === undefined) {
    failures.push(`no source document ${evidence.source}`);
  } else if (evidence.offset_utf16 !== null) {
    counts.offsets += 1;
    const at = evidence.offset_utf16;
    if (!foundAt(text, at, evidence.text)) {
      failures.push(`${evidence.source}@${at}: ${JSON.stringify(evidence.text)} is not there`);
    }
    if (at !== evidence.offset) counts.shifted += 1;
    // What a consumer that took the code-point offset for a JavaScript index would get.
    if (!foundAt(text, evidence.offset, evidence.text)) counts.codePointSlicesWrong += 1;
  } else if (evidence.line !== null) {
    counts.lines += 1;
    const start = lineStart(text, evidence.line);
    if (start < 0 || !foundAt(text, start, evidence.text)) {
      failures.push(`${evidence.source}:${evidence.line}: ${JSON.stringify(evidence.text)} is not there`);
    }
  }
}
for (const entry of series.evidence) {
  if (entry.pointer === null) continue;
  counts.pointers += 1;
  const value = resolve(series, entry.pointer);
  if (value === undefined) {
    failures.push(`${entry.field}: ${entry.pointer} names nothing`);
    continue;
  }
  const item = /^([a-z_]+)\[([^\]]*)\]/.exec(entry.field);
  if (item === null) continue;
  const [, list, key] = item;
  const [, name, index] = entry.pointer.split("/");
  const target = series[name][Number(index)];
  if (name !== list || (typeof target === "object" && target.key !== key)) {
    failures.push(`${entry.field}: ${entry.pointer} is not the item keyed ${key}`);
  }
}
console.log(JSON.stringify({ counts, failures }));
