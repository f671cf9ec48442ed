"""Peer models run through ShopTalk's evaluation: implicit's ALS and RecBole's SASRec."""
