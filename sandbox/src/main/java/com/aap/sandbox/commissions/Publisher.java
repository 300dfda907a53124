package com.aap.sandbox.commissions;

/** A CJ publisher (affiliate) that earned the commission. */
record Publisher(long id, String name) {}
