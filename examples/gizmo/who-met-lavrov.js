// Who met Sergueï Lavrov, and when? One row per meeting and person.
g.addDefaultNamespaces();
// newsgraph knows ng: and ngid:; stock cayley needs these two lines.
g.addNamespace("ng", "https://newsgraph.dev/ns#");
g.addNamespace("ngid", "https://newsgraph.dev/");
var seen = {};
var lavrov = g.V(g.IRI("ngid:person/sergei-lavrov"));
lavrov.In(g.IRI("schema:attendee")).Tag("event")
  .Out(g.IRI("schema:startDate")).Tag("date").Back("event")
  .Out(g.IRI("schema:attendee")).Except(lavrov)
  .Out(g.IRI("schema:name")).Tag("who")
  .ForEach(function (r) {
    var k = r.event + r.who + r.date;
    if (!seen[k]) {
      seen[k] = true;
      g.emit({ who: r.who, date: r.date, event: r.event });
    }
  });
