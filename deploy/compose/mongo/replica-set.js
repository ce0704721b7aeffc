// Healthcheck and init in one: MongoDB transactions (the outbox, idempotent
// consumers) need a replica set, so the first run initiates a single-member
// set; the check passes only once this member is the writable primary.
try {
  rs.status();
} catch (error) {
  rs.initiate({ _id: "rs0", members: [{ _id: 0, host: "mongodb:27017" }] });
}
if (!db.hello().isWritablePrimary) {
  quit(1);
}
