// Package source is where articles come from: files, directories, standard
// input, JSON Lines dumps (plain or gzip) and URLs, as plain text or as
// HTML pages. It turns each into an Item (the raw bytes, the article text
// with its offsets into those bytes, the URL and the date the source
// states) for the extractor; it knows nothing of facts.
//
// Every input is either read or named: an unreadable file, a bad JSON
// record (FILE:LINE: reason) or a failed fetch is an Item with Err set, and
// the batch goes on; a directory walk counts what it skips, and why.
//
// HTML pages are read with go-trafilatura (main text, title, boilerplate
// removal: navigation, share bars, related-article boxes, footers) and its
// go-htmldate (publication date); the page's own URL comes from og:url or
// the canonical link. The text go-trafilatura returns is located again in
// the page's visible text, so that every byte of the article text has an
// offset in the HTML file and evidence points into the file.
package source
