/**
 * What happened, kept: the append-only audit log staff read and the security log customers read.
 */
package org.handover.audit;
