package graph

import (
	"fmt"
	"os"
	"strings"

	"github.com/cayleygraph/cayley/clog"
)

// cayleyLog is the logger Cayley's packages write to. Cayley's own
// command line prints its start-up chatter ("using backend", "listening on"
// the address serve never lets it listen on, "Running in nosync mode") and
// an "ERROR: The assets flag is deprecated" that no newsgraph flag causes:
// shown to users they mislead, so Info lines are dropped (NEWSGRAPH_DEBUG=1
// shows them) and that one error too. Cayley's real warnings and errors go
// to standard error, marked as Cayley's.
type cayleyLog struct{ debug bool }

func init() { clog.SetLogger(cayleyLog{debug: os.Getenv("NEWSGRAPH_DEBUG") != ""}) }

func (l cayleyLog) Infof(format string, args ...interface{}) {
	if l.debug {
		fmt.Fprintf(os.Stderr, "cayley: "+format+"\n", args...)
	}
}

func (l cayleyLog) Warningf(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "cayley: warning: "+format+"\n", args...)
}

func (l cayleyLog) Errorf(format string, args ...interface{}) {
	if strings.HasPrefix(format, "The assets flag is deprecated") && !l.debug {
		return
	}
	fmt.Fprintf(os.Stderr, "cayley: error: "+format+"\n", args...)
}

func (l cayleyLog) Fatalf(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "cayley: fatal: "+format+"\n", args...)
	os.Exit(1)
}

// V reports whether Cayley's verbose logging at level is on: never.
func (cayleyLog) V(int) bool { return false }

// SetV is Cayley's verbosity setting, which newsgraph does not use.
func (cayleyLog) SetV(int) {}
