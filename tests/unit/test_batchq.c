/* Tests of src/batchq.c: buffers from a producing thread to a consumer. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdbool.h>

#include "src/batchq.h"

struct job {
    batchq *q;
    int count;      /* buffers to put */
    int put;        /* how many it put */
    bool got_null;  /* batchq_empty said stop */
};

/* Puts COUNT buffers numbered 0, 1, ... and closes. */
static void *produce(void *arg)
{
    struct job *j = arg;

    for (int i = 0; i < j->count; i++) {
        int *buf = batchq_empty(j->q);
        if (!buf) {
            j->got_null = true;
            break;
        }
        buf[0] = i;
        buf[1] = i * 7;
        batchq_put(j->q, buf);
        j->put++;
    }
    batchq_close(j->q);
    return NULL;
}

Test(batchq, hands_every_buffer_over_in_order)
{
    struct job j = { .q = batchq_new(3, 2 * sizeof(int)), .count = 10000 };
    pthread_t t;
    int *buf, next = 0;

    cr_assert_not_null(j.q);
    cr_assert_eq(pthread_create(&t, NULL, produce, &j), 0);
    while ((buf = batchq_full(j.q)) != NULL) {
        cr_assert_eq(buf[0], next, "buffer %d came as %d", next, buf[0]);
        cr_assert_eq(buf[1], next * 7);
        next++;
        batchq_give_back(j.q, buf);
    }
    pthread_join(t, NULL);
    cr_assert_eq(next, 10000, "the consumer got NULL only after the last buffer");
    cr_assert_eq(j.put, 10000);
    cr_assert(!j.got_null);
    batchq_free(&j.q);
    cr_assert_null(j.q);
    batchq_free(&j.q); /* NULL is a no-op */
}

Test(batchq, a_closed_empty_queue_gives_null)
{
    struct job j = { .q = batchq_new(2, 16), .count = 0 };
    pthread_t t;

    cr_assert_eq(pthread_create(&t, NULL, produce, &j), 0);
    cr_assert_null(batchq_full(j.q));
    pthread_join(t, NULL);
    batchq_free(&j.q);
}

Test(batchq, abort_stops_a_waiting_producer)
{
    /* The producer has far more to put than there are buffers: it waits
     * for one to come back until the consumer gives up. */
    struct job j = { .q = batchq_new(2, sizeof(int) * 2), .count = 1000000 };
    pthread_t t;

    cr_assert_eq(pthread_create(&t, NULL, produce, &j), 0);
    for (int i = 0; i < 5; i++) {
        int *buf = batchq_full(j.q);
        cr_assert_not_null(buf);
        cr_assert_eq(buf[0], i);
        batchq_give_back(j.q, buf);
    }
    batchq_abort(j.q);
    cr_assert_null(batchq_full(j.q), "nothing is taken after an abort");
    pthread_join(t, NULL); /* returns: the producer was not left waiting */
    cr_assert(j.got_null, "the producer was told to stop");
    cr_assert_lt(j.put, 1000000);
    batchq_free(&j.q);
}

Test(batchq, refuses_fewer_than_two_buffers)
{
    cr_assert_null(batchq_new(1, 16));
    cr_assert_null(batchq_new(4, 0));
}
