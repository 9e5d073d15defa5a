/**
 * Delegated access: the action catalogue, IAM policies and their lifecycle, and the one decision
 * function that answers whether an account may do an action on a service.
 */
package org.handover.access;
