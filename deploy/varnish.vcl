vcl 4.1;
# dorfbrunnen's front cache (docs/deployment.md, section 6). nginx → Varnish → application.
# Anonymous GET requests are cached; anything with a session, the admin, the members' area,
# forms (POST) and personal pages go straight through. A PURGE of "/" from the application
# bans every cached object: the application invalidates site-wide as well, because a change
# can show on many pages (menus, calendar, home page). A PURGE of any other address bans
# just that address (an event page whose free places changed).

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # One Varnish per site, so bans ignore the Host (a PURGE carries the site's configured
        # name, which need not be the one visitors' requests were cached under). A PURGE of
        # "/" (any content change) drops everything; one of another address (an event page
        # after a registration) drops that address only.
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
    if (req.url ~ "^/(admin|mitglieder|anmeldung|dokumente)/" || req.url ~ "^/healthz") {
        return (pass);
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

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "HIT";
    } else {
        set resp.http.X-Front-Cache = "MISS";
    }
}
