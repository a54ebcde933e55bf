"""64-bit hashes of every string of an Arrow text or binary array, read from its buffers eight
bytes at a time.

A string of ``L`` bytes is cut into ``ceil(L / 8)`` little-endian words, counted from its own
first byte (so the hash does not depend on where the string sits in the buffer), the last word
holding only the string's own bytes. Each word is xored with a key for its position and mixed
(a multiply-xorshift bijection); the string's hash is the sum of its mixed words modulo 2^64,
finished with its length by the caller's strong finaliser. Equal strings hash equal; distinct
strings collide about as often as two random 64-bit numbers do, which is what the distinct-count
sketch needs. (Not a defence against someone crafting collisions on purpose: every fixed,
public, fast hash can be attacked, and the worst it costs here is a distinct count a few short.)

numpy has no string hash, and a byte at a time it does several passes per byte. Here the work
is a handful of passes per *word*: strings are ordered by their number of words, so that the
strings still running at word ``k`` are a prefix of that order, and one loop over ``k`` takes
every string's ``k``-th word at once (two aligned loads, shifted together). Strings longer than
``_LOOP_WORDS`` words finish on a flat path, where their remaining words are laid end to end
and summed per string. The text is taken in slices of ``_SLICE`` bytes, so the loop's arrays
stay in the processor's cache, and so that the temporary arrays stay bounded.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_SLICE = 1 << 19  # bytes of text hashed at once (a string longer than that is hashed alone): the
# loop revisits a slice once per word position, and measured fastest when it stays in cache
_LOOP_WORDS = 32  # words of each string taken by the loop over positions; the rest go flat
_FLAT_WORDS = 1 << 20  # words of one long string mixed at once on the flat path
_GOLDEN = 0x9E3779B97F4A7C15
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_WRAP = (1 << 64) - 1
# The bytes a string's last word keeps, by the string's length modulo 8 (0: all eight).
_TAIL = np.array([_WRAP, *((1 << (8 * i)) - 1 for i in range(1, 8))], dtype=np.uint64)

Array = np.ndarray[Any, Any]


def string_word_sums(array: Any) -> tuple[Array, Array]:
    """For a string or binary Arrow array without nulls: each string's sum of mixed words, and
    its length in bytes."""
    import pyarrow as pa

    large = pa.types.is_large_string(array.type) or pa.types.is_large_binary(array.type)
    buffers = array.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int64 if large else np.int32, count=len(array) + 1,
                            offset=array.offset * (8 if large else 4)).astype(np.int64)
    lengths = np.diff(offsets)
    sums = np.zeros(len(array), dtype=np.uint64)
    data = buffers[2]
    if data is None or not len(array) or offsets[-1] == offsets[0]:
        return sums, lengths
    words = _aligned_words(data)
    first = 0
    while first < len(array):
        # As many strings as fit in a slice of text (at least one, however long).
        last = int(np.searchsorted(offsets, offsets[first] + _SLICE, side="right")) - 1
        last = min(max(last, first + 1), len(array))
        sums[first:last] = _slice_sums(words, data, offsets[first:last + 1])
        first = last
    return sums, lengths


def _aligned_words(data: Any) -> Array | None:
    """The data buffer's whole words, in place, when it is 8-byte aligned (Arrow allocates its
    buffers 64-byte aligned); None when not, and then each slice is copied."""
    if data.address % 8:
        return None
    return np.frombuffer(data, dtype=np.uint64, count=data.size // 8)


def _slice_sums(words: Array | None, data: Any, offsets: Array) -> Array:
    if words is None or int(offsets[-1]) > 8 * len(words):
        # A slice that reaches into the buffer's last partial word (or an unaligned buffer):
        # its bytes copied, into whole words padded with zeros.
        begin, end = int(offsets[0]) & ~7, int(offsets[-1])
        padded = np.zeros((end - begin) // 8 + 2, dtype=np.uint64)
        padded.view(np.uint8)[: end - begin] = np.frombuffer(data, dtype=np.uint8, count=end - begin, offset=begin)
        return _sums(padded, offsets - begin)
    return _sums(words, offsets)


def _sums(words: Array, offsets: Array) -> Array:
    """Sums of mixed words of the strings ``offsets[i]:offsets[i + 1]`` (byte positions in
    ``words``; every byte of every string lies within ``words``)."""
    starts, lengths = offsets[:-1], np.diff(offsets)
    count = (lengths + 7) >> 3
    # Strings by falling number of words (capped at the loop's): those still running at word k
    # are then the first running[k] of them. A stable sort of bytes is a radix sort.
    capped = np.minimum(count, _LOOP_WORDS)
    order = np.argsort((_LOOP_WORDS - capped).astype(np.uint8), kind="stable")
    capped = capped[order]
    first = starts[order] >> 3  # the word holding each string's first byte
    right = ((starts[order] & 7) << 3).astype(np.uint64)  # the bits before it in that word
    left = np.uint64(64) - right  # a shift by 64 gives 0 in numpy: then the next word adds nothing
    tail = _TAIL[lengths[order] & 7]
    tail[count[order] > _LOOP_WORDS] = _WRAP  # their last word comes on the flat path
    steps = int(capped[0]) if len(capped) else 0
    running = np.searchsorted(-capped, -np.arange(steps + 1), side="left")
    total = np.zeros(len(order), dtype=np.uint64)
    with np.errstate(over="ignore"):
        low = words.take(first[: running[0]])
        for k in range(steps):
            n, ending = int(running[k]), int(running[k + 1])
            # Past the end only for a string that ends in this word: its mask drops those bytes.
            high = words.take(first[:n] + (k + 1), mode="clip")
            word = low[:n] >> right[:n]
            word |= high << left[:n]
            word[ending:n] &= tail[ending:n]  # the strings whose last word this is
            total[:n] += _mixed(word, _key(k))
            low = high
    out = np.empty_like(total)
    out[order] = total
    longer = np.flatnonzero(count > _LOOP_WORDS)
    if len(longer):
        out[longer] += _flat(words, starts[longer], lengths[longer])
    return out


def _flat(words: Array, starts: Array, lengths: Array) -> Array:
    """Sums of mixed words from word ``_LOOP_WORDS`` on, of long strings: their words laid end
    to end and summed per string, at most ``_FLAT_WORDS`` words of each string at a time."""
    count = (lengths + 7) >> 3
    sums = np.zeros(len(starts), dtype=np.uint64)
    for low in range(_LOOP_WORDS, int(np.max(count)), _FLAT_WORDS):
        some = np.flatnonzero(count > low)
        high = np.minimum(count[some], low + _FLAT_WORDS)
        sums[some] += _window(words, starts[some], lengths[some], low, high)
    return sums


def _window(words: Array, starts: Array, lengths: Array, low: int, high: Array) -> Array:
    """Sums of mixed words ``low`` to ``high[i]`` (exclusive) of each string."""
    count = high - low
    begin = np.cumsum(count) - count  # where each string's words begin, end to end
    position = np.arange(int(count.sum()), dtype=np.int64) - np.repeat(begin - low, count)
    index = np.repeat(starts >> 3, count) + position
    right = np.repeat(((starts & 7) << 3).astype(np.uint64), count)
    with np.errstate(over="ignore"):
        word = words.take(index) >> right
        word |= words.take(index + 1, mode="clip") << (np.uint64(64) - right)
        ends = high == (lengths + 7) >> 3
        word[(begin + count - 1)[ends]] &= _TAIL[lengths[ends] & 7]
        keys = (position + 1).astype(np.uint64) * np.uint64(_GOLDEN)
        sums: Array = np.add.reduceat(_mixed(word, keys), begin)
    return sums


def _key(k: int) -> np.uint64:
    """The key of word position ``k``: the same for every string, different for every k."""
    key: np.uint64 = np.uint64(((k + 1) * _GOLDEN) & _WRAP)
    return key


def _mixed(word: Array, key: Any) -> Array:
    """Each word xored with its position's key, then mixed (in place): two multiply-xorshift
    rounds, so that sums of mixed words behave like sums of random numbers."""
    word ^= key
    word *= _M1
    word ^= word >> np.uint64(29)
    word *= _M2
    word ^= word >> np.uint64(32)
    return word
