/* demo.h — a sample community, made up the same way every time.
 *
 * A generator of households and residents that look like a door-to-door
 * survey (摸排): common surnames and given names of each generation, a few
 * names with rare characters (䶮, 𠮷) and minority names with the middle
 * dot; compounds (大美南苑, 大美北苑, 翠湖花园 ...), buildings, units and
 * rooms; families of one to six people with their relations to the head
 * (户主, 配偶, 子, 女, 父, 母); resident ID numbers with the right GB 11643
 * check character and a birth date that agrees with the person's age;
 * mobile phones; care flags; returnees who arrived in the last two weeks;
 * floating population in rented flats; a few who moved out.
 *
 * It draws from its own seeded generator (never rand()), so the same N and
 * SEED give the same community on the same day (ages and arrival dates are
 * counted back from clock_today(): pin it with DUTYDESK_TODAY for a file
 * that never changes).  ID numbers are never given twice.
 *
 * Two uses: `dutydesk init --demo` (demo_fill, through the same bulk writer
 * as the importer) and the benchmark's survey spreadsheet (demo_write_csv). */
#ifndef DD_DEMO_H
#define DD_DEMO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db/db.h"
#include "src/households/household.h"

#define DEMO_MAX_MEMBERS 6

/* One household and its members, head first. */
struct demo_household {
    struct household h;
    int n;
    struct resident r[DEMO_MAX_MEMBERS];
};

typedef struct demo demo;

/* A generator of exactly N_RESIDENTS residents (the last household may be
 * smaller than drawn).  NULL when out of memory. */
demo *demo_open(long n_residents, uint64_t seed);
/* The next household into *OUT; false once every resident was given. */
bool demo_next(demo *g, struct demo_household *out);
/* Frees *G and clears it; NULL is a no-op. */
void demo_close(demo **g);

struct demo_counts {
    long households;
    long residents;
};

/* Writes a community of N_RESIDENTS into D through the bulk writer, in one
 * transaction (a savepoint inside the caller's).  COUNTS may be NULL.
 * 0, or -1 with db_errmsg (nothing written). */
int demo_fill(db *d, long n_residents, uint64_t seed, struct demo_counts *counts);

/* Writes the same community as a survey spreadsheet (CSV, UTF-8, LF, the
 * header 姓名,性别,身份证号,联系电话,小区,楼栋,单元,房号,与户主关系,备注;
 * returnees and care flags in the notes).  0, or -1 when writing failed
 * (errno says why). */
int demo_write_csv(FILE *f, long n_residents, uint64_t seed);

#endif
