// Giving freed memory back to the system after a phase of a long document
// freed much of it. The conversion's threads allocate from separate malloc
// arenas, and what one phase frees in small pieces (the Markdown parser's
// tree, interleaved with the document it became; the shaped words once
// every page is painted) stays in the process, unusable by a phase on
// another thread: 300,000 paragraphs peaked at 646 MB without this, 534 MB
// with it.
#pragma once

namespace galley {

// Returns the free pages of every malloc arena to the system (glibc's
// malloc_trim); does nothing elsewhere. It walks the heap: call it after a
// large phase, not per object.
void release_free_memory();

}  // namespace galley
