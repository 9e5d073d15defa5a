/** The contact roles and the rules of who may hand which role to whom (ChangePolicy). */
package org.handover.contact;
