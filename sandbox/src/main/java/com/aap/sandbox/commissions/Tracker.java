package com.aap.sandbox.commissions;

/** A CJ action tracker (the advertiser's conversion type). */
record Tracker(long id, String name, String actionType) {}
