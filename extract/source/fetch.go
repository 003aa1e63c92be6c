package source

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// FetchOptions says how URLs are fetched.
type FetchOptions struct {
	Client    *http.Client  // nil: a client with Timeout
	Timeout   time.Duration // whole request, redirects included; default 30s
	UserAgent string        // default "newsgraph/1 (article reader)"
}

// DefaultUserAgent is sent when FetchOptions names none.
const DefaultUserAgent = "newsgraph/1 (article reader)"

// Fetch gets one article over HTTP(S): redirects followed (at most 10),
// the body bounded by max bytes, an HTML page read as HTML and anything
// else as text. The item's URL is the URL fetched after redirects, unless
// the page names its own.
func Fetch(ctx context.Context, url string, opt FetchOptions, max int64) Item {
	fail := func(err error) Item { return Item{Name: url, Err: fmt.Errorf("%s: %w", url, err)} }
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	client := opt.Client
	if client == nil {
		client = &http.Client{Timeout: timeout}
	}
	ua := opt.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fail(err)
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		return fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fail(fmt.Errorf("HTTP %s", resp.Status))
	}
	if max <= 0 {
		max = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return fail(err)
	}
	if int64(len(data)) > max {
		return fail(fmt.Errorf("too large (more than %d bytes; limit %d, --max-article-bytes)", max, max))
	}
	final := resp.Request.URL.String()
	ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if strings.Contains(ct, "html") || ct == "" && LooksLikeHTML(data) {
		it := htmlItem(url, data)
		if it.Err == nil && it.URL == "" {
			it.URL = final
		}
		return it
	}
	return Item{Name: url, Raw: data, URL: final}
}
