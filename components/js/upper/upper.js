// A tiny tool written in JavaScript, built twice: by componentize-js (StarlingMonkey) and by
// componentize-qjs (QuickJS). Brio's load-time benchmarks and engine tests run both.
export function upper(s) {
  return s.toUpperCase();
}
