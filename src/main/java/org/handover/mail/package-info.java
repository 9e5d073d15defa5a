/**
 * The outbox: emails written in the same transaction as what they tell, rendered in the reader's
 * language and delivered at least once.
 */
package org.handover.mail;
