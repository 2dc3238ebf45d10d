-- An example Rails application's db/structure.sql, written for rr: a small blogging platform with
-- accounts, users, posts, comments on posts or on other comments (a polymorphic owner), tags
-- through taggings, soft delete, enums, jsonb settings and timestamps. It is laid out the way
-- `pg_dump --schema-only` (and so Rails) writes it, meta-commands included.

\restrict 3xAmpleRestrictKey

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;
SET row_security = off;

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';

CREATE TYPE public.post_status AS ENUM (
    'draft',
    'published',
    'archived'
);

CREATE TYPE public.user_role AS ENUM (
    'reader',
    'author',
    'editor',
    'admin'
);

COMMENT ON TYPE public.user_role IS 'What a user may do in their account.';

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE public.accounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name character varying(120) NOT NULL,
    plan character varying DEFAULT 'free'::character varying NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT accounts_plan_check CHECK (((plan)::text = ANY ((ARRAY['free'::character varying, 'team'::character varying, 'enterprise'::character varying])::text[])))
);

COMMENT ON COLUMN public.accounts.settings IS 'Account-wide preferences. @type AccountSettings from ../types/settings';

CREATE TABLE public.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    email character varying(255) NOT NULL,
    name character varying(120) NOT NULL,
    role public.user_role DEFAULT 'reader'::public.user_role NOT NULL,
    bio text,
    discarded_at timestamp(6) without time zone,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

CREATE TABLE public.posts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    author_id uuid NOT NULL,
    editor_id uuid,
    title character varying(200) NOT NULL,
    slug character varying(200) NOT NULL,
    body text DEFAULT ''::text NOT NULL,
    status public.post_status DEFAULT 'draft'::public.post_status NOT NULL,
    metadata jsonb,
    word_count integer DEFAULT 0 NOT NULL,
    published_at timestamp(6) without time zone,
    discarded_at timestamp(6) without time zone,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

COMMENT ON TABLE public.posts IS 'Articles written by users; soft-deleted with discarded_at.';

CREATE TABLE public.comments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    commentable_type character varying NOT NULL,
    commentable_id uuid NOT NULL,
    body text NOT NULL,
    deleted_at timestamp(6) without time zone,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

CREATE TABLE public.tags (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    name character varying(60) NOT NULL,
    color character(7) DEFAULT '#888888'::bpchar NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

CREATE TABLE public.taggings (
    post_id uuid NOT NULL,
    tag_id uuid NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

CREATE TABLE public.attachments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    post_id uuid NOT NULL,
    filename character varying NOT NULL,
    byte_size bigint NOT NULL,
    checksum bytea,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

CREATE TABLE public.schema_migrations (
    version character varying NOT NULL
);

CREATE TABLE public.ar_internal_metadata (
    key character varying NOT NULL,
    value character varying,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

CREATE VIEW public.published_posts AS
 SELECT posts.id,
    posts.title,
    posts.published_at
   FROM public.posts
  WHERE ((posts.status = 'published'::public.post_status) AND (posts.discarded_at IS NULL));

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT posts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.taggings
    ADD CONSTRAINT taggings_pkey PRIMARY KEY (post_id, tag_id);

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

ALTER TABLE ONLY public.ar_internal_metadata
    ADD CONSTRAINT ar_internal_metadata_pkey PRIMARY KEY (key);

CREATE UNIQUE INDEX index_users_on_email ON public.users USING btree (email);

CREATE INDEX index_users_on_account_id ON public.users USING btree (account_id);

CREATE UNIQUE INDEX index_posts_on_account_id_and_slug ON public.posts USING btree (account_id, slug);

CREATE INDEX index_posts_on_author_id ON public.posts USING btree (author_id);

CREATE INDEX index_comments_on_commentable ON public.comments USING btree (commentable_type, commentable_id);

CREATE UNIQUE INDEX index_tags_on_account_id_and_name ON public.tags USING btree (account_id, name);

CREATE INDEX index_posts_on_discarded_at ON public.posts USING btree (discarded_at) WHERE (discarded_at IS NULL);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT fk_rails_61ac11da2b FOREIGN KEY (account_id) REFERENCES public.accounts(id);

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT fk_rails_5b5ddfd518 FOREIGN KEY (account_id) REFERENCES public.accounts(id);

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT fk_rails_author FOREIGN KEY (author_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.posts
    ADD CONSTRAINT fk_rails_editor FOREIGN KEY (editor_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT fk_rails_03de2dc08c FOREIGN KEY (user_id) REFERENCES public.users(id);

ALTER TABLE ONLY public.taggings
    ADD CONSTRAINT fk_rails_post FOREIGN KEY (post_id) REFERENCES public.posts(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.taggings
    ADD CONSTRAINT fk_rails_tag FOREIGN KEY (tag_id) REFERENCES public.tags(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT fk_rails_attachment_post FOREIGN KEY (post_id) REFERENCES public.posts(id);

\unrestrict 3xAmpleRestrictKey

SET search_path TO "$user", public;

INSERT INTO "schema_migrations" (version) VALUES
('20260301090000'),
('20260214120000'),
('20260110083000');
