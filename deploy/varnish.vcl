vcl 4.1;
# dorfbrunnen's front cache (docs/deployment.md, section 6). nginx → Varnish → application.
# Anonymous GET requests are cached unless the application marks the answer as not for a
# shared cache (Cache-Control: private/no-cache/no-store – forms, personal pages, anything
# for a logged-in person) or sets a cookie; requests with a session and the admin go
# straight through.
#
# PURGE empties the cache. Only the application may send it, on its own listener:
#   varnishd -a 127.0.0.1:6081 -a purge=127.0.0.1:6091 …
# Visitors come through nginx to the first one; a PURGE arriving there is refused (nginx
# refuses it before, too). A PURGE of "/" bans every cached object – the application
# invalidates site-wide as well, because a change can show on many pages (menus, calendar,
# home page); a PURGE of any other address bans just that address (an event page whose free
# places changed).

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge on the purge listener. With application servers on other machines, bind the
# purge listener to the private network and add their addresses here.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (local.socket != "purge" || client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # One Varnish per site, so bans ignore the Host (a PURGE carries the site's configured
        # name, which need not be the one visitors' requests were cached under).
        if (req.url == "/") {
            ban("obj.status != 0");
        } else {
            ban("req.url == " + req.url);
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/") {
        return (pass);  # the editors' tools, never for a shared cache
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);  # logged in: editors and members always see the current state
    }
    # Other cookies (the CSRF token of an earlier form) do not change a public page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-cache|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.status == 200 && !beresp.http.Cache-Control) {
        # Time-dependent text (opening status, past events) may lag this long at most.
        set beresp.ttl = 5m;
    }
}

# The open-data feeds (/api/v1/…) carry ETag and Last-Modified: Varnish answers a national
# site's conditional requests with 304 from the stored copy, and a PURGE of "/" drops them
# with everything else when content changes.

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "HIT";
    } else {
        set resp.http.X-Front-Cache = "MISS";
    }
}
