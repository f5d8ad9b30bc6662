package org.negotiationtimeline.projection.web;

import java.util.List;

/** One page of a keyset-paged list; {@code next} is the cursor of the page after it, null on the last. */
public record Page<T>(List<T> items, String next) {
}
