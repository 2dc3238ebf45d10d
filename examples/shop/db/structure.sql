-- A small shop, written for rr's examples: uuid keys made by the database, enums, jsonb with a
-- typed comment tag, money as numeric, soft delete in the paranoia style (deleted_at), a
-- composite primary key, a self-reference and timestamps.

SET statement_timeout = 0;
SET client_encoding = 'UTF8';

CREATE SCHEMA IF NOT EXISTS public;

CREATE TYPE public.order_state AS ENUM ('cart', 'placed', 'paid', 'shipped', 'cancelled');

CREATE TABLE public.customers (
    id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
    email character varying(320) NOT NULL,
    full_name text NOT NULL,
    marketing_opt_in boolean DEFAULT false NOT NULL,
    deleted_at timestamp(6) without time zone,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT customers_email_key UNIQUE (email)
);

CREATE TABLE public.categories (
    id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
    parent_id uuid REFERENCES public.categories (id),
    name text NOT NULL,
    slug character varying(80) NOT NULL UNIQUE
);

CREATE TABLE public.products (
    id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
    category_id uuid NOT NULL REFERENCES public.categories (id),
    sku character varying(32) NOT NULL UNIQUE,
    title text NOT NULL,
    price_cents integer NOT NULL CHECK (price_cents >= 0),
    currency character(3) DEFAULT 'EUR'::bpchar NOT NULL,
    availability character varying DEFAULT 'in_stock'::character varying NOT NULL,
    attributes jsonb DEFAULT '{}'::jsonb NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    deleted_at timestamp(6) without time zone,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    CONSTRAINT products_availability_check CHECK (((availability)::text = ANY ((ARRAY['in_stock'::character varying, 'backorder'::character varying, 'discontinued'::character varying])::text[])))
);

COMMENT ON COLUMN public.products.attributes IS 'Free-form product attributes. @type ProductAttributes from ../types/product';

CREATE TABLE public.orders (
    id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
    customer_id uuid NOT NULL REFERENCES public.customers (id),
    state public.order_state DEFAULT 'cart'::public.order_state NOT NULL,
    shipping_address jsonb,
    placed_at timestamp(6) with time zone,
    note text,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

CREATE TABLE public.order_items (
    order_id uuid NOT NULL REFERENCES public.orders (id) ON DELETE CASCADE,
    product_id uuid NOT NULL REFERENCES public.products (id),
    quantity integer DEFAULT 1 NOT NULL CHECK (quantity > 0),
    unit_price_cents integer NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

CREATE INDEX index_orders_on_customer_id ON public.orders USING btree (customer_id);
CREATE INDEX index_products_on_category_id ON public.products USING btree (category_id);

COMMENT ON TABLE public.orders IS 'A customer''s order, from cart to shipment.';
