-- One database per PostgreSQL-backed project (deploy/local/layout.py), owned by
-- the compose PostgreSQL user. Runs once, when the data volume is first created.
CREATE DATABASE users;
CREATE DATABASE gig;
CREATE DATABASE chat;
CREATE DATABASE "order";
CREATE DATABASE review;
CREATE DATABASE notification;
