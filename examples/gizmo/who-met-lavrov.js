// Who met Sergueï Lavrov, and when? One row per meeting and person.
g.addDefaultNamespaces();
var seen = {};
var lavrov = g.V(g.IRI("ngid:person/sergei-lavrov"));
lavrov.In(g.IRI("ng:participant")).Tag("event")
  .Out(g.IRI("ng:on")).Tag("date").Back("event")
  .Out(g.IRI("ng:participant")).Except(lavrov)
  .Out(g.IRI("schema:name")).Tag("who")
  .ForEach(function (r) {
    var k = r.event + r.who + r.date;
    if (!seen[k]) {
      seen[k] = true;
      g.emit({ who: r.who, date: r.date, event: r.event });
    }
  });
