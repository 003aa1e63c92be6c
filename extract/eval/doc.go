// Package eval scores extracted facts against gold annotations written to
// the project's annotation guidelines: one JSON file per article with its
// persons, meetings and partnerships.
//
// Names are compared after folding (NFD, marks removed, lower case,
// punctuation to spaces). A system person matches a gold person when one of
// its names folds to one of the gold names. Meetings are scored as unordered
// pairs of matched persons, partnerships as unordered country pairs. Gold
// items marked required: false are left out of precision and recall.
// Planned meetings are not claims that a meeting happened and are not
// scored.
package eval
