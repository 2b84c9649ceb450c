//! Integration tests of the server: the store on SQLite and PostgreSQL, the HTTP service
//! started on port 0, and the command line. One binary, so the application links once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod api;
mod catalog;
mod cli;
mod database_loss;
mod durability;
mod fuzz;
mod github;
mod http;
mod learning_path;
mod live;
mod meetings;
mod openapi;
mod patterns;
mod security;
mod store;
mod transfer;
mod workflow;
