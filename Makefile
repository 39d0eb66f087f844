# dutydesk — plain Makefile.  `make run`, `make test`; V=1 for the full commands.

VERSION    := 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
LOCALEDIR  ?= $(DATADIR)/locale
DOCDIR     ?= $(DATADIR)/doc/dutydesk
SYSCONFDIR ?= /etc
DESTDIR    ?=

BUILD      ?= build
CC         ?= cc
PKG_CONFIG ?= pkg-config

CORE_PKGS  := sqlite3 libconfig icu-uc icu-i18n
UI_PKGS    := ncursesw
TEST_PKGS  := criterion

CFLAGS     ?= -O2 -g
WARN       := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN       += -Werror
endif
# _XOPEN_SOURCE=700 declares wcwidth, getline and the wide-character curses calls under -std=c11.
BASE_CPPFLAGS := -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -I. -I$(BUILD) \
                 -DDD_VERSION='"$(VERSION)"' -DDD_LOCALEDIR='"$(LOCALEDIR)"' \
                 -DDD_SYSCONFDIR='"$(SYSCONFDIR)"'
CORE_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS) 2>/dev/null)
CORE_LIBS   := $(shell $(PKG_CONFIG) --libs $(CORE_PKGS) 2>/dev/null) -lcsv -pthread
# ncursesw.pc adds -D_XOPEN_SOURCE=600 -D_DEFAULT_SOURCE, which would clash with ours.
UI_CFLAGS   := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags $(UI_PKGS) 2>/dev/null))
UI_LIBS     := $(shell $(PKG_CONFIG) --libs $(UI_PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

ALL_CFLAGS  = $(BASE_CPPFLAGS) $(WARN) $(CFLAGS) $(SAN) -pthread -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SAN)

ifeq ($(V),1)
Q :=
else
Q := @
endif
say = @$(if $(Q),printf '  %-7s %s\n' '$(1)' '$(2)',true)

CORE_SRC   := $(sort $(wildcard src/*.c db/*.c))
UI_SRC     := $(sort $(wildcard ui/*.c))
UNIT_SRC   := $(sort $(wildcard tests/unit/*.c))
MIGRATIONS := $(sort $(wildcard db/migrations/*.sql))
PO_FILES   := $(sort $(wildcard po/*.po))
LANGS      := $(basename $(notdir $(PO_FILES)))

CORE_OBJ   := $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o
UI_OBJ     := $(UI_SRC:%.c=$(BUILD)/%.o)
UNIT_OBJ   := $(UNIT_SRC:%.c=$(BUILD)/%.o)
CORE_LIB   := $(BUILD)/libdutydesk.a
PROG       := $(BUILD)/dutydesk
UNIT_BIN   := $(BUILD)/unit-tests
MO_FILES   := $(LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/dutydesk.mo)

.PHONY: all run test unit e2e asan valgrind check-layers deps deps-test bench install uninstall clean pot update-po tidy

all: $(PROG) $(MO_FILES)

# ---- build ---------------------------------------------------------------

$(BUILD)/src/%.o $(BUILD)/db/%.o $(BUILD)/gen/%.o: CFLAGS_EXTRA = $(CORE_CFLAGS)
$(BUILD)/ui/%.o: CFLAGS_EXTRA = $(CORE_CFLAGS) $(UI_CFLAGS)
$(BUILD)/tests/unit/%.o: CFLAGS_EXTRA = $(CORE_CFLAGS) $(TEST_CFLAGS)

$(BUILD)/%.o: %.c
	$(call say,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) $(CFLAGS_EXTRA) -c -o $@ $<

$(BUILD)/gen/migrations.c: scripts/embed-migrations.sh $(MIGRATIONS)
	$(call say,GEN,$@)
	@mkdir -p $(@D)
	$(Q)sh scripts/embed-migrations.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/migrations.o: $(BUILD)/gen/migrations.c
	$(call say,CC,$<)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(CORE_LIB): $(CORE_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(PROG): $(UI_OBJ) $(CORE_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(UI_OBJ) $(CORE_LIB) $(CORE_LIBS) $(UI_LIBS) -lm

$(UNIT_BIN): $(UNIT_OBJ) $(CORE_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJ) $(CORE_LIB) $(CORE_LIBS) $(TEST_LIBS) -lm

$(BUILD)/locale/%/LC_MESSAGES/dutydesk.mo: po/%.po
	$(call say,MSGFMT,$<)
	@mkdir -p $(@D)
	$(Q)msgfmt --check -o $@ $<

-include $(CORE_OBJ:.o=.d) $(UI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d)

# ---- the two commands ----------------------------------------------------

# Runs the program on a demo database kept under build/, created on first run.
RUN_DB ?= $(BUILD)/demo.db
run: deps
	@$(MAKE) --no-print-directory all
	@test -f $(RUN_DB) || DUTYDESK_LOCALEDIR=$(BUILD)/locale ./$(PROG) --db $(RUN_DB) init --demo
	DUTYDESK_LOCALEDIR=$(BUILD)/locale ./$(PROG) --db $(RUN_DB) --config conf/dutydesk.conf

test: deps-test
	@$(MAKE) --no-print-directory check-layers
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory asan
	@$(MAKE) --no-print-directory e2e

deps:
	@sh scripts/deps.sh run

deps-test:
	@sh scripts/deps.sh test

# ---- tests ---------------------------------------------------------------

# The core never draws and the interface never runs SQL (ui -> src -> db).
check-layers:
	@sh scripts/check-layers.sh

unit: $(UNIT_BIN)
	@sh scripts/run-unit.sh $(UNIT_BIN)

e2e: all
	@sh tests/e2e/run.sh $(PROG)

# The unit tests again under AddressSanitizer, UndefinedBehaviorSanitizer and
# LeakSanitizer, in a separate build tree.  Criterion's workers do not pass a
# sanitizer finding on as a failure, so every report is written to a log file
# and any log file fails the run.
asan:
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" build-asan/unit-tests
	@sh scripts/run-unit.sh build-asan/unit-tests --sanitizers

valgrind: $(UNIT_BIN)
	@sh scripts/run-unit.sh $(UNIT_BIN) --valgrind

# The benchmark's tool (bench/bench.c), built only for `make bench`.
BENCH_BIN := $(BUILD)/dutydesk-bench
$(BUILD)/bench/%.o: CFLAGS_EXTRA = $(CORE_CFLAGS)
$(BENCH_BIN): $(BUILD)/bench/bench.o $(CORE_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(CORE_LIB) $(CORE_LIBS) -lm
-include $(BUILD)/bench/bench.d

# BENCH_SIZES="10000 100000" for a quicker run; figures in bench/out/.
bench: deps-test
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@sh bench/run.sh $(PROG) $(BENCH_BIN)

# ---- translations --------------------------------------------------------

pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -c'TRANSLATORS' --package-name=dutydesk \
		--package-version=$(VERSION) -o po/dutydesk.pot $(CORE_SRC) $(UI_SRC)

update-po: pot
	@for p in $(PO_FILES); do msgmerge --quiet --update --backup=none $$p po/dutydesk.pot; done

# ---- install -------------------------------------------------------------

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DOCDIR)
	install -m 0755 $(PROG) $(DESTDIR)$(BINDIR)/dutydesk
	install -m 0644 man/dutydesk.1 $(DESTDIR)$(MANDIR)/man1/dutydesk.1
	install -m 0644 man/dutydesk.conf.5 $(DESTDIR)$(MANDIR)/man5/dutydesk.conf.5
	install -m 0644 conf/dutydesk.conf $(DESTDIR)$(DOCDIR)/dutydesk.conf.example
	@for l in $(LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 0644 $(BUILD)/locale/$$l/LC_MESSAGES/dutydesk.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/dutydesk.mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dutydesk $(DESTDIR)$(MANDIR)/man1/dutydesk.1 $(DESTDIR)$(MANDIR)/man5/dutydesk.conf.5
	rm -rf $(DESTDIR)$(DOCDIR)
	@for l in $(LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/dutydesk.mo; done

clean:
	rm -rf build build-asan
