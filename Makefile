# The two commands: `make run` serves the whole app, `make test` runs every test.
.PHONY: run test setup build fmt bench

run:
	scripts/run.sh

test:
	scripts/test.sh

setup:
	scripts/setup.sh --test

build:
	scripts/setup.sh
	scripts/build.sh

fmt:
	cargo fmt --all

# Search/listing figures on 10,000 products (backend p50/p95/p99, keystroke->render, scrolling),
# then live stock (availability 200/304) and the 1,000-request reservation race, then the
# membership races (1,000 claims for 100 coupons, 1,000 redeems of one) and token verification p99,
# then the virtual tour (entering a tour to the preview painted, per-frame work while panning),
# then slow clients (stalled head and body dropped after N s, SIGTERM with 100 stalled connections),
# then sign-in limits, then the campaign page and its embed (embed.js size, host layout shift and
# iframe height at three widths, Lighthouse mobile), then the kiosk soak (300 shopper sessions on
# one kiosk page: heap, DOM nodes, listeners, reset time, long tasks) and the hand-off to a phone
# against opening the same product directly. Then the recommendations job on 1,000,000 events
# (full recompute, incremental run after 10,000 more) and its reads. Then the insight reports
# over 1,000,000 events (30 and 180 days, every store and one), and events ingest
# (1,000 events/s for 60 s, batch latency, product reads during it against alone). Last, the
# first screen: Lighthouse mobile on home, category, product, search, stores and the campaign
# (performance, LCP against its floor, CLS, TBT) and the home page's first load.
bench:
	scripts/setup.sh --test
	scripts/build.sh
	. scripts/env.sh && node scripts/bench-search.mjs
	. scripts/env.sh && node scripts/bench-stock.mjs
	. scripts/env.sh && node scripts/bench-members.mjs
	. scripts/env.sh && node scripts/bench-tour.mjs
	. scripts/env.sh && node scripts/bench-slow-clients.mjs
	. scripts/env.sh && node scripts/bench-sign-in.mjs
	. scripts/env.sh && node scripts/bench-campaign.mjs
	. scripts/env.sh && node scripts/bench-kiosk.mjs
	. scripts/env.sh && node scripts/bench-handoff.mjs
	. scripts/env.sh && node scripts/bench-recommend.mjs
	. scripts/env.sh && node scripts/bench-insight.mjs
	. scripts/env.sh && node scripts/bench-events.mjs
	. scripts/env.sh && node scripts/bench-consent.mjs
	. scripts/env.sh && node scripts/bench-lighthouse.mjs
