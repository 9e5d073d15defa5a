/**
 * Registrant (owner) changes of domains: requests confirmed by both registrants, corrections, and
 * the owner record.
 */
package org.handover.owner;
