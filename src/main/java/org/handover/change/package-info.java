/**
 * Contact changes: change sets, from the request through the parties' answers to their end, with
 * their emails and webhook events.
 */
package org.handover.change;
