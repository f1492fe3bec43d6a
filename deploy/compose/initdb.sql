-- One database per service (ARCHITECTURE.md: no service reads another's tables).
CREATE DATABASE clients;
CREATE DATABASE referrals;
CREATE DATABASE employer;
CREATE DATABASE metrics;
