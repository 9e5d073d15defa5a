package org.handover.change;

/**
 * Published inside the transaction of every workflow step that systems outside Handover may follow:
 * once per change set ({@code contactChange.created}, {@code .accepted}, {@code .refused}, {@code
 * .done}, {@code .expired}, {@code .aborted}) and once per service whose contacts changed ({@code
 * service.contactsChanged}); listeners write their own outbox rows in the same transaction. {@code
 * serviceId} orders deliveries per service; it is null for a set spanning several services.
 */
public record ContactChangeEvent(String type, Long serviceId, EventData data) {}
