// The CodeMirror 6 pieces ecokg's query page (src/ecokg/web/static/query.js) uses, exported as
// one global, window.CM. Only the library goes in the bundle: ecokg's own code stays readable.
export { EditorState } from "@codemirror/state";
export { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine } from "@codemirror/view";
export { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
export { StreamLanguage, syntaxHighlighting, bracketMatching } from "@codemirror/language";
export {
  autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap, startCompletion
} from "@codemirror/autocomplete";
export { classHighlighter } from "@lezer/highlight";
export { sparql } from "@codemirror/legacy-modes/mode/sparql";
