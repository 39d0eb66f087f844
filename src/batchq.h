/* batchq.h — buffers handed from one producing thread to one consumer.
 *
 * A fixed number of buffers of a fixed size go round: the producer takes an
 * empty one, fills it and puts it; the consumer takes the full ones in the
 * order they were put, uses each and gives it back.  So the memory is the
 * buffers made at the start, whatever the amount of work, and the producer
 * runs at most NBUF buffers ahead.
 *
 * Either side may stop.  The producer closes the queue when it has put its
 * last buffer: the consumer gets NULL once it has taken every buffer put.
 * The consumer aborts it when it will take no more: from then on the
 * producer gets NULL instead of an empty buffer (also when it was waiting
 * for one), and whatever it puts is dropped.
 *
 * One producer and one consumer; each function is for the side it names.
 * The queue owns the buffers: batchq_free frees them (after the producing
 * thread has been joined) and clears *Q; NULL is a no-op. */
#ifndef DD_BATCHQ_H
#define DD_BATCHQ_H

#include <stddef.h>

typedef struct batchq batchq;

/* NBUF buffers (at least 2) of BUFSZ bytes each, zeroed.  NULL when out of
 * memory (or when the locks cannot be made). */
batchq *batchq_new(size_t nbuf, size_t bufsz);
void batchq_free(batchq **q);

/* Producer: waits for an empty buffer; NULL once the queue is aborted. */
void *batchq_empty(batchq *q);
/* Producer: BUF (from batchq_empty) is ready for the consumer. */
void batchq_put(batchq *q, void *buf);
/* Producer: nothing more will be put. */
void batchq_close(batchq *q);

/* Consumer: waits for the next buffer put, in order; NULL once the queue is
 * closed and every buffer put has been taken (or once it is aborted). */
void *batchq_full(batchq *q);
/* Consumer: BUF (from batchq_full) may be filled again. */
void batchq_give_back(batchq *q, void *buf);
/* Consumer: the producer is to stop. */
void batchq_abort(batchq *q);

#endif
