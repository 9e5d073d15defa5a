package org.handover.catalog;

import java.util.List;

/** One page of "My services", the cursors to its neighbours (null at either end), the total. */
public record ServicePage(List<HostedService> services, String previous, String next, long total) {}
