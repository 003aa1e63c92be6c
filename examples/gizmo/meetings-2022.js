// All meetings in 2022, with their participants.
g.addDefaultNamespaces();
// newsgraph knows ng: and ngid:; stock cayley needs these two lines.
g.addNamespace("ng", "https://newsgraph.dev/ns#");
g.addNamespace("ngid", "https://newsgraph.dev/");
var seen = {};
g.V().Has(g.IRI("rdf:type"), g.IRI("schema:Event")).Unique().Tag("event")
  .Out(g.IRI("schema:startDate")).Filter(regex("^2022")).Tag("date").Back("event")
  .Out(g.IRI("ng:kind")).Tag("kind").Back("event")
  .Out(g.IRI("schema:attendee")).Out(g.IRI("schema:name")).Tag("participant")
  .ForEach(function (r) {
    var k = r.event + r.participant;
    if (!seen[k]) {
      seen[k] = true;
      g.emit({ date: r.date, kind: r.kind, participant: r.participant, event: r.event });
    }
  });
