/*
 * bytes16.h - sixteen bytes compared at once (internal), with GCC/Clang
 * vector extensions: SSE2 where available, plain code elsewhere.
 */
#ifndef LIBFLOW_BYTES16_H
#define LIBFLOW_BYTES16_H

#include <stdint.h>

typedef unsigned char flow_i_bytes16 __attribute__((vector_size(16)));

#if defined(__SSE2__)
#include <emmintrin.h>
/* Bit k set when byte k of the 16 is set (each byte all ones or zero). */
static inline uint32_t flow_i_mask16(flow_i_bytes16 hit)
{
    return (uint32_t)_mm_movemask_epi8((__m128i)hit);
}
#else
static inline uint32_t flow_i_mask16(flow_i_bytes16 hit)
{
    uint32_t m = 0;
    for (int k = 0; k < 16; k++)
        m |= (uint32_t)(hit[k] & 1) << k;
    return m;
}
#endif

#endif /* LIBFLOW_BYTES16_H */
