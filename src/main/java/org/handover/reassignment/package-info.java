/**
 * Assisted reassignment: support moves a role when its holder cannot be reached, after notice and a
 * veto period.
 */
package org.handover.reassignment;
