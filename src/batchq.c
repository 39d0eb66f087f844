/* batchq.c — see batchq.h.  One lock and two conditions: the producer
 * waits for an empty buffer, the consumer for a full one.  The full buffers
 * are a ring in the order they were put; the empty ones a stack. */
#include "src/batchq.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct batchq {
    pthread_mutex_t lock;
    pthread_cond_t has_empty, has_full;
    size_t nbuf;
    void **bufs;       /* every buffer, for batchq_free */
    void **empty;      /* a stack of NEMPTY */
    size_t nempty;
    void **full;       /* a ring: NFULL from HEAD */
    size_t head, nfull;
    bool closed, aborted;
};

batchq *batchq_new(size_t nbuf, size_t bufsz)
{
    batchq *q;

    if (nbuf < 2 || bufsz == 0 || !(q = calloc(1, sizeof *q)))
        return NULL;
    q->nbuf = nbuf;
    q->bufs = calloc(nbuf, sizeof *q->bufs);
    q->empty = calloc(nbuf, sizeof *q->empty);
    q->full = calloc(nbuf, sizeof *q->full);
    bool ok = q->bufs && q->empty && q->full;
    for (size_t i = 0; ok && i < nbuf; i++) {
        if (!(q->bufs[i] = calloc(1, bufsz)))
            ok = false;
        else
            q->empty[q->nempty++] = q->bufs[i];
    }
    bool locks = false;
    if (ok && pthread_mutex_init(&q->lock, NULL) == 0) {
        if (pthread_cond_init(&q->has_empty, NULL) == 0) {
            if (pthread_cond_init(&q->has_full, NULL) == 0)
                locks = true;
            else
                pthread_cond_destroy(&q->has_empty);
        }
        if (!locks)
            pthread_mutex_destroy(&q->lock);
    }
    if (!locks) {
        for (size_t i = 0; q->bufs && i < nbuf; i++)
            free(q->bufs[i]);
        free(q->bufs);
        free(q->empty);
        free(q->full);
        free(q);
        return NULL;
    }
    return q;
}

void batchq_free(batchq **qp)
{
    if (!qp || !*qp)
        return;
    batchq *q = *qp;
    pthread_cond_destroy(&q->has_full);
    pthread_cond_destroy(&q->has_empty);
    pthread_mutex_destroy(&q->lock);
    for (size_t i = 0; i < q->nbuf; i++)
        free(q->bufs[i]);
    free(q->bufs);
    free(q->empty);
    free(q->full);
    free(q);
    *qp = NULL;
}

void *batchq_empty(batchq *q)
{
    void *buf = NULL;

    pthread_mutex_lock(&q->lock);
    while (!q->aborted && q->nempty == 0)
        pthread_cond_wait(&q->has_empty, &q->lock);
    if (!q->aborted)
        buf = q->empty[--q->nempty];
    pthread_mutex_unlock(&q->lock);
    return buf;
}

void batchq_put(batchq *q, void *buf)
{
    pthread_mutex_lock(&q->lock);
    if (q->aborted) {
        q->empty[q->nempty++] = buf; /* dropped: nobody will take it */
    } else {
        q->full[(q->head + q->nfull) % q->nbuf] = buf;
        q->nfull++;
        pthread_cond_signal(&q->has_full);
    }
    pthread_mutex_unlock(&q->lock);
}

void batchq_close(batchq *q)
{
    pthread_mutex_lock(&q->lock);
    q->closed = true;
    pthread_cond_signal(&q->has_full);
    pthread_mutex_unlock(&q->lock);
}

void *batchq_full(batchq *q)
{
    void *buf = NULL;

    pthread_mutex_lock(&q->lock);
    while (!q->aborted && q->nfull == 0 && !q->closed)
        pthread_cond_wait(&q->has_full, &q->lock);
    if (!q->aborted && q->nfull > 0) {
        buf = q->full[q->head];
        q->head = (q->head + 1) % q->nbuf;
        q->nfull--;
    }
    pthread_mutex_unlock(&q->lock);
    return buf;
}

void batchq_give_back(batchq *q, void *buf)
{
    pthread_mutex_lock(&q->lock);
    q->empty[q->nempty++] = buf;
    pthread_cond_signal(&q->has_empty);
    pthread_mutex_unlock(&q->lock);
}

void batchq_abort(batchq *q)
{
    pthread_mutex_lock(&q->lock);
    q->aborted = true;
    /* What was put and not taken goes back, so batchq_free finds every
     * buffer where it expects it (it frees them all from BUFS anyway). */
    while (q->nfull > 0) {
        q->empty[q->nempty++] = q->full[q->head];
        q->head = (q->head + 1) % q->nbuf;
        q->nfull--;
    }
    pthread_cond_broadcast(&q->has_empty);
    pthread_cond_broadcast(&q->has_full);
    pthread_mutex_unlock(&q->lock);
}
