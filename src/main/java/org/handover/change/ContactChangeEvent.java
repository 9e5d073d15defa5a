package org.handover.change;

/**
 * Published inside the transaction of every workflow step that systems outside Handover may follow
 * ({@code contactChange.created}, {@code .accepted}, {@code .refused}, {@code .done}, {@code
 * .expired}, {@code .aborted}, {@code service.contactsChanged}); listeners write their own outbox
 * rows in the same transaction.
 */
public record ContactChangeEvent(String type, long serviceId, EventData data) {}
