// All meetings in 2022, with their participants.
g.addDefaultNamespaces();
var seen = {};
g.V().Has(g.IRI("rdf:type"), g.IRI("schema:Event")).Unique().Tag("event")
  .Out(g.IRI("ng:on")).Filter(regex("^2022")).Tag("date").Back("event")
  .Out(g.IRI("ng:kind")).Tag("kind").Back("event")
  .Out(g.IRI("ng:participant")).Out(g.IRI("schema:name")).Tag("participant")
  .ForEach(function (r) {
    var k = r.event + r.participant;
    if (!seen[k]) {
      seen[k] = true;
      g.emit({ date: r.date, kind: r.kind, participant: r.participant, event: r.event });
    }
  });
