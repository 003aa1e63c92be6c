// Command newsgraph is the command-line room of the project: it composes
// the extractor (package extract), the vocabulary (package schema) and,
// for the store commands, the graph (package graph). It owns argument
// parsing, input expansion (FILE, DIR, -), output formats, progress and
// exit codes; the other packages never print.
//
//	newsgraph extract FILE|DIR|-   facts of articles as N-Quads, N-Triples, facts or JSON
//	newsgraph eval --gold DIR ...  score the extraction against gold annotations
//	newsgraph rules dump|check     write out or check the rule files
//
// Exit codes: 0 success, 1 failure, 2 bad arguments, 3 some inputs failed
// while the others were processed.
package main
