// The partners of Vietnam and the level of each partnership.
g.addDefaultNamespaces();
// newsgraph knows ng: and ngid:; stock cayley needs these two lines.
g.addNamespace("ng", "https://newsgraph.dev/ns#");
g.addNamespace("ngid", "https://newsgraph.dev/");
var seen = {};
var vn = g.V(g.IRI("ngid:country/VN"));
vn.In(g.IRI("ng:participant")).Has(g.IRI("rdf:type"), g.IRI("ng:Partnership")).Unique().Tag("partnership")
  .Out(g.IRI("ng:level")).Tag("level").Back("partnership")
  .Out(g.IRI("ng:participant")).Except(vn).Out(g.IRI("schema:name")).Tag("partner")
  .ForEach(function (r) {
    var k = r.partner + r.level;
    if (!seen[k]) {
      seen[k] = true;
      g.emit({ partner: r.partner, level: r.level });
    }
  });
