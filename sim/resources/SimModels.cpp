#include "sim/resources/SimModels.h"

#include <QJsonArray>

#include "sim/engine/SimEvents.h"

using namespace Qt::StringLiterals;

namespace {

// The models, in Asterisk 22's words: names, types, required flags, descriptions and allowed
// values as its Swagger listings declare them. Only models the simulator's operations and events
// use are listed; Event.subTypes is filled from SimEvents.
QList<SimModels::Model> declaredModels()
{
    return {
    {u"Channel"_s, u"channels"_s, u"A specific communication connection between Asterisk and an Endpoint."_s,
     {
         {u"id"_s, u"string"_s, true, u"Unique identifier of the channel.\n\nThis is the same as the Uniqueid "
          u"field in AMI."_s},
         {u"protocol_id"_s, u"string"_s, true, u"Protocol id from underlying channel driver (i.e. Call-ID for "
          u"chan_pjsip; will be empty if not applicable or not implemented by driver)."_s},
         {u"name"_s, u"string"_s, true, u"Name of the channel (i.e. SIP/foo-0000a7e3)"_s},
         {u"state"_s, u"string"_s, true, {},
          {u"Down"_s, u"Rsrved"_s, u"OffHook"_s, u"Dialing"_s, u"Ring"_s, u"Ringing"_s, u"Up"_s, u"Busy"_s,
           u"Dialing Offhook"_s, u"Pre-ring"_s, u"Unknown"_s}},
         {u"caller"_s, u"CallerID"_s, true, {}},
         {u"connected"_s, u"CallerID"_s, true, {}},
         {u"accountcode"_s, u"string"_s, true, {}},
         {u"dialplan"_s, u"DialplanCEP"_s, true, u"Current location in the dialplan"_s},
         {u"creationtime"_s, u"Date"_s, true, u"Timestamp when channel was created"_s},
         {u"language"_s, u"string"_s, true, u"The default spoken language"_s},
         {u"channelvars"_s, u"object"_s, false, u"Channel variables"_s},
         {u"caller_rdnis"_s, u"string"_s, false, u"The Caller ID RDNIS"_s},
         {u"tenantid"_s, u"string"_s, false, u"The Tenant ID for the channel"_s},
     }},
    {u"CallerID"_s, u"channels"_s, u"Caller identification"_s,
     {
         {u"name"_s, u"string"_s, true, {}},
         {u"number"_s, u"string"_s, true, {}},
     }},
    {u"DialplanCEP"_s, u"channels"_s, u"Dialplan location (context/extension/priority)"_s,
     {
         {u"context"_s, u"string"_s, true, u"Context in the dialplan"_s},
         {u"exten"_s, u"string"_s, true, u"Extension in the dialplan"_s},
         {u"priority"_s, u"long"_s, true, u"Priority in the dialplan"_s},
         {u"app_name"_s, u"string"_s, true, u"Name of current dialplan application"_s},
         {u"app_data"_s, u"string"_s, true, u"Parameter of current dialplan application"_s},
     }},
    {u"Bridge"_s, u"bridges"_s, u"The merging of media from one or more channels.\n\nEveryone on the bridge receives "
     u"the same audio."_s,
     {
         {u"id"_s, u"string"_s, true, u"Unique identifier for this bridge"_s},
         {u"technology"_s, u"string"_s, true, u"Name of the current bridging technology"_s},
         {u"bridge_type"_s, u"string"_s, true, u"Type of bridge technology"_s, {u"mixing"_s, u"holding"_s}},
         {u"bridge_class"_s, u"string"_s, true, u"Bridging class"_s},
         {u"creator"_s, u"string"_s, true, u"Entity that created the bridge"_s},
         {u"name"_s, u"string"_s, true, u"Name the creator gave the bridge"_s},
         {u"channels"_s, u"List[string]"_s, true, u"Ids of channels participating in this bridge"_s},
         {u"video_mode"_s, u"string"_s, false, u"The video mode the bridge is using. One of 'none', 'talker', "
          u"'sfu', or 'single'."_s},
         {u"video_source_id"_s, u"string"_s, false, u"The ID of the channel that is the source of video in this "
          u"bridge, if one exists."_s},
         {u"creationtime"_s, u"Date"_s, true, u"Timestamp when bridge was created"_s},
         {u"bridgevars"_s, u"object"_s, false, u"Bridge variables"_s},
     }},
    {u"Playback"_s, u"playbacks"_s, u"Object representing the playback of media to a channel"_s,
     {
         {u"id"_s, u"string"_s, true, u"ID for this playback operation"_s},
         {u"media_uri"_s, u"string"_s, true, u"The URI for the media currently being played back."_s},
         {u"next_media_uri"_s, u"string"_s, false, u"If a list of URIs is being played, the next media URI to be "
          u"played back."_s},
         {u"target_uri"_s, u"string"_s, true, u"URI for the channel or bridge to play the media on"_s},
         {u"language"_s, u"string"_s, false, u"For media types that support multiple languages, the language "
          u"requested for playback."_s},
         {u"state"_s, u"string"_s, true, u"Current state of the playback operation."_s,
          {u"queued"_s, u"playing"_s, u"continuing"_s, u"done"_s, u"failed"_s}},
     }},
    {u"StoredRecording"_s, u"recordings"_s, u"A past recording that may be played back."_s,
     {
         {u"name"_s, u"string"_s, true, {}},
         {u"format"_s, u"string"_s, true, {}},
     }},
    {u"LiveRecording"_s, u"recordings"_s, u"A recording that is in progress"_s,
     {
         {u"name"_s, u"string"_s, true, u"Base name for the recording"_s},
         {u"format"_s, u"string"_s, true, u"Recording format (wav, gsm, etc.)"_s},
         {u"target_uri"_s, u"string"_s, true, u"URI for the channel or bridge being recorded"_s},
         {u"state"_s, u"string"_s, true, {},
          {u"queued"_s, u"recording"_s, u"paused"_s, u"done"_s, u"failed"_s, u"canceled"_s}},
         {u"duration"_s, u"int"_s, false, u"Duration in seconds of the recording"_s},
         {u"talking_duration"_s, u"int"_s, false, u"Duration of talking, in seconds, detected in the recording. "
          u"This is only available if the recording was initiated with a non-zero maxSilenceSeconds."_s},
         {u"silence_duration"_s, u"int"_s, false, u"Duration of silence, in seconds, detected in the recording. "
          u"This is only available if the recording was initiated with a non-zero maxSilenceSeconds."_s},
         {u"cause"_s, u"string"_s, false, u"Cause for recording failure if failed"_s},
     }},
    {u"Sound"_s, u"sounds"_s, u"A media file that may be played back."_s,
     {
         {u"id"_s, u"string"_s, true, u"Sound's identifier."_s},
         {u"text"_s, u"string"_s, false, u"Text description of the sound, usually the words spoken."_s},
         {u"formats"_s, u"List[FormatLangPair]"_s, true, u"The formats and languages in which this sound is "
          u"available."_s},
     }},
    {u"FormatLangPair"_s, u"sounds"_s, u"Identifies the format and language of a sound file"_s,
     {
         {u"language"_s, u"string"_s, true, {}},
         {u"format"_s, u"string"_s, true, {}},
     }},
    {u"Application"_s, u"applications"_s, u"Details of a Stasis application"_s,
     {
         {u"name"_s, u"string"_s, true, u"Name of this application"_s},
         {u"channel_ids"_s, u"List[string]"_s, true, u"Id's for channels subscribed to."_s},
         {u"bridge_ids"_s, u"List[string]"_s, true, u"Id's for bridges subscribed to."_s},
         {u"endpoint_ids"_s, u"List[string]"_s, true, u"{tech}/{resource} for endpoints subscribed to."_s},
         {u"device_names"_s, u"List[string]"_s, true, u"Names of the devices subscribed to."_s},
         {u"events_allowed"_s, u"List[object]"_s, true, u"Event types sent to the application."_s},
         {u"events_disallowed"_s, u"List[object]"_s, true, u"Event types not sent to the application."_s},
     }},
    {u"AsteriskInfo"_s, u"asterisk"_s, u"Asterisk system information"_s,
     {
         {u"build"_s, u"BuildInfo"_s, false, u"Info about how Asterisk was built"_s},
         {u"system"_s, u"SystemInfo"_s, false, u"Info about the system running Asterisk"_s},
         {u"config"_s, u"ConfigInfo"_s, false, u"Info about Asterisk configuration"_s},
         {u"status"_s, u"StatusInfo"_s, false, u"Info about Asterisk status"_s},
     }},
    {u"BuildInfo"_s, u"asterisk"_s, u"Info about how Asterisk was built"_s,
     {
         {u"os"_s, u"string"_s, true, u"OS Asterisk was built on."_s},
         {u"kernel"_s, u"string"_s, true, u"Kernel version Asterisk was built on."_s},
         {u"options"_s, u"string"_s, true, u"Compile time options, or empty string if default."_s},
         {u"machine"_s, u"string"_s, true, u"Machine architecture (x86_64, i686, ppc, etc.)"_s},
         {u"date"_s, u"string"_s, true, u"Date and time when Asterisk was built."_s},
         {u"user"_s, u"string"_s, true, u"Username that build Asterisk"_s},
     }},
    {u"SystemInfo"_s, u"asterisk"_s, u"Info about Asterisk"_s,
     {
         {u"version"_s, u"string"_s, true, u"Asterisk version."_s},
         {u"entity_id"_s, u"string"_s, true, {}},
     }},
    {u"SetId"_s, u"asterisk"_s, u"Effective user/group id"_s,
     {
         {u"user"_s, u"string"_s, true, u"Effective user id."_s},
         {u"group"_s, u"string"_s, true, u"Effective group id."_s},
     }},
    {u"ConfigInfo"_s, u"asterisk"_s, u"Info about Asterisk configuration"_s,
     {
         {u"name"_s, u"string"_s, true, u"Asterisk system name."_s},
         {u"default_language"_s, u"string"_s, true, u"Default language for media playback."_s},
         {u"max_channels"_s, u"int"_s, false, u"Maximum number of simultaneous channels."_s},
         {u"max_open_files"_s, u"int"_s, false, u"Maximum number of open file handles (files, sockets)."_s},
         {u"max_load"_s, u"double"_s, false, u"Maximum load avg on system."_s},
         {u"setid"_s, u"SetId"_s, true, u"Effective user/group id for running Asterisk."_s},
     }},
    {u"StatusInfo"_s, u"asterisk"_s, u"Info about Asterisk status"_s,
     {
         {u"startup_time"_s, u"Date"_s, true, u"Time when Asterisk was started."_s},
         {u"last_reload_time"_s, u"Date"_s, true, u"Time when Asterisk was last reloaded."_s},
     }},
    {u"AsteriskPing"_s, u"asterisk"_s, u"Asterisk ping information"_s,
     {
         {u"asterisk_id"_s, u"string"_s, true, u"Asterisk id info"_s},
         {u"ping"_s, u"string"_s, true, u"Always string value is pong"_s},
         {u"timestamp"_s, u"string"_s, true, u"The timestamp string of request received time"_s},
     }},
    {u"Variable"_s, u"asterisk"_s, u"The value of a channel variable"_s,
     {
         {u"value"_s, u"string"_s, true, u"The value of the variable requested"_s},
     }},
    {u"DeviceState"_s, u"deviceStates"_s, u"Represents the state of a device."_s,
     {
         {u"name"_s, u"string"_s, true, u"Name of the device."_s},
         {u"state"_s, u"string"_s, true, u"Device's state"_s,
          {u"UNKNOWN"_s, u"NOT_INUSE"_s, u"INUSE"_s, u"BUSY"_s, u"INVALID"_s, u"UNAVAILABLE"_s, u"RINGING"_s,
           u"RINGINUSE"_s, u"ONHOLD"_s}},
     }},
    {u"Mailbox"_s, u"mailboxes"_s, u"Represents the state of a mailbox."_s,
     {
         {u"name"_s, u"string"_s, true, u"Name of the mailbox."_s},
         {u"old_messages"_s, u"int"_s, true, u"Count of old messages in the mailbox."_s},
         {u"new_messages"_s, u"int"_s, true, u"Count of new messages in the mailbox."_s},
     }},
    {u"Message"_s, u"events"_s, u"Base type for errors and events"_s,
     {
         {u"type"_s, u"string"_s, true, u"Indicates the type of this message."_s},
         {u"asterisk_id"_s, u"string"_s, false, u"The unique ID for the Asterisk instance that raised this event."_s},
     }},
    {u"MissingParams"_s, u"events"_s, u"Error event sent when required params are missing."_s,
     {
         {u"params"_s, u"List[string]"_s, true, u"A list of the missing parameters"_s},
     }},
    {u"Event"_s, u"events"_s, u"Base type for asynchronous events from Asterisk."_s,
     {
         {u"application"_s, u"string"_s, true, u"Name of the application receiving the event."_s},
         {u"timestamp"_s, u"Date"_s, true, u"Time at which this event was created."_s},
     }},
    {u"ApplicationReplaced"_s, u"events"_s, u"Notification that another WebSocket has taken over for an "
     u"application.\n\nAn application may only be subscribed to by a single WebSocket at a time. If multiple "
     u"WebSockets attempt to subscribe to the same application, the newer WebSocket wins, and the older one receives "
     u"this event."_s,
     {}},
    {u"BridgeCreated"_s, u"events"_s, u"Notification that a bridge has been created."_s,
     {
         {u"bridge"_s, u"Bridge"_s, true, {}},
     }},
    {u"BridgeDestroyed"_s, u"events"_s, u"Notification that a bridge has been destroyed."_s,
     {
         {u"bridge"_s, u"Bridge"_s, true, {}},
     }},
    {u"ChannelDestroyed"_s, u"events"_s, u"Notification that a channel has been destroyed."_s,
     {
         {u"cause"_s, u"int"_s, true, u"Integer representation of the cause of the hangup"_s},
         {u"cause_txt"_s, u"string"_s, true, u"Text representation of the cause of the hangup"_s},
         {u"tech_cause"_s, u"int"_s, false, u"Integer representation of the technology-specific off-nominal cause "
          u"of the hangup."_s},
         {u"channel"_s, u"Channel"_s, true, {}},
     }},
    {u"ChannelDtmfReceived"_s, u"events"_s, u"DTMF received on a channel.\n\nThis event is sent when the DTMF ends. "
     u"There is no notification about the start of DTMF"_s,
     {
         {u"digit"_s, u"string"_s, true, u"DTMF digit received (0-9, A-E, # or *)"_s},
         {u"duration_ms"_s, u"int"_s, true, u"Number of milliseconds DTMF was received"_s},
         {u"channel"_s, u"Channel"_s, true, u"The channel on which DTMF was received"_s},
     }},
    {u"ChannelEnteredBridge"_s, u"events"_s, u"Notification that a channel has entered a bridge."_s,
     {
         {u"bridge"_s, u"Bridge"_s, true, {}},
         {u"channel"_s, u"Channel"_s, false, {}},
     }},
    {u"ChannelHangupRequest"_s, u"events"_s, u"A hangup was requested on the channel."_s,
     {
         {u"cause"_s, u"int"_s, false, u"Integer representation of the cause of the hangup."_s},
         {u"tech_cause"_s, u"int"_s, false, u"Integer representation of the technology-specific off-nominal cause "
          u"of the hangup."_s},
         {u"soft"_s, u"boolean"_s, false, u"Whether the hangup request was a soft hangup request."_s},
         {u"channel"_s, u"Channel"_s, true, u"The channel on which the hangup was requested."_s},
     }},
    {u"ChannelLeftBridge"_s, u"events"_s, u"Notification that a channel has left a bridge."_s,
     {
         {u"bridge"_s, u"Bridge"_s, true, {}},
         {u"channel"_s, u"Channel"_s, true, {}},
     }},
    {u"ChannelStateChange"_s, u"events"_s, u"Notification of a channel's state change."_s,
     {
         {u"channel"_s, u"Channel"_s, true, {}},
     }},
    {u"ChannelVarset"_s, u"events"_s, u"Channel variable changed."_s,
     {
         {u"variable"_s, u"string"_s, true, u"The variable that changed."_s},
         {u"value"_s, u"string"_s, true, u"The new value of the variable."_s},
         {u"channel"_s, u"Channel"_s, false, u"The channel on which the variable was set.\n\nIf missing, the "
          u"variable is a global variable."_s},
     }},
    {u"DeviceStateChanged"_s, u"events"_s, u"Notification that a device state has changed."_s,
     {
         {u"device_state"_s, u"DeviceState"_s, true, u"Device state object"_s},
     }},
    {u"Dial"_s, u"events"_s, u"Dialing state has changed."_s,
     {
         {u"caller"_s, u"Channel"_s, false, u"The calling channel."_s},
         {u"peer"_s, u"Channel"_s, true, u"The dialed channel."_s},
         {u"forward"_s, u"string"_s, false, u"Forwarding target requested by the original dialed channel."_s},
         {u"forwarded"_s, u"Channel"_s, false, u"Channel that the caller has been forwarded to."_s},
         {u"dialstring"_s, u"string"_s, false, u"The dial string for calling the peer channel."_s},
         {u"dialstatus"_s, u"string"_s, true, u"Current status of the dialing attempt to the peer."_s},
     }},
    {u"PlaybackContinuing"_s, u"events"_s, u"Event showing the continuation of a media playback operation from one "
     u"media URI to the next in the list."_s,
     {
         {u"playback"_s, u"Playback"_s, true, u"Playback control object"_s},
     }},
    {u"PlaybackFinished"_s, u"events"_s, u"Event showing the completion of a media playback operation."_s,
     {
         {u"playback"_s, u"Playback"_s, true, u"Playback control object"_s},
     }},
    {u"PlaybackStarted"_s, u"events"_s, u"Event showing the start of a media playback operation."_s,
     {
         {u"playback"_s, u"Playback"_s, true, u"Playback control object"_s},
     }},
    {u"RecordingFailed"_s, u"events"_s, u"Event showing failure of a recording operation."_s,
     {
         {u"recording"_s, u"LiveRecording"_s, true, u"Recording control object"_s},
     }},
    {u"RecordingFinished"_s, u"events"_s, u"Event showing the completion of a recording operation."_s,
     {
         {u"recording"_s, u"LiveRecording"_s, true, u"Recording control object"_s},
     }},
    {u"RecordingStarted"_s, u"events"_s, u"Event showing the start of a recording operation."_s,
     {
         {u"recording"_s, u"LiveRecording"_s, true, u"Recording control object"_s},
     }},
    {u"StasisEnd"_s, u"events"_s, u"Notification that a channel has left a Stasis application."_s,
     {
         {u"channel"_s, u"Channel"_s, true, {}},
     }},
    {u"StasisStart"_s, u"events"_s, u"Notification that a channel has entered a Stasis application."_s,
     {
         {u"args"_s, u"List[string]"_s, true, u"Arguments to the application"_s},
         {u"channel"_s, u"Channel"_s, true, {}},
         {u"replace_channel"_s, u"Channel"_s, false, {}},
     }},
    };
}

QList<SimModels::Model> buildTable()
{
    QList<SimModels::Model> models = declaredModels();
    for (SimModels::Model &model : models) {
        if (model.id == u"Message"_s) {
            model.discriminator = u"type"_s;
            model.subTypes = {u"MissingParams"_s, u"Event"_s};
        } else if (model.id == u"Event"_s) {
            model.subTypes = SimEvents::names();
        }
    }
    return models;
}

} // namespace

const QList<SimModels::Model> &SimModels::all()
{
    static const QList<Model> s_models = buildTable();
    return s_models;
}

QList<const SimModels::Model *> SimModels::inListing(const QString &listing)
{
    QList<const Model *> result;
    for (const Model &model : all()) {
        if (model.listing == listing)
            result.append(&model);
    }
    return result;
}

QJsonObject SimModels::toJson(const Model &model)
{
    QJsonObject properties;
    for (const Property &property : model.properties) {
        QJsonObject json{{u"type"_s, property.type}, {u"required"_s, property.required}};
        if (!property.description.isEmpty())
            json.insert(u"description"_s, property.description);
        if (!property.allowableValues.isEmpty()) {
            json.insert(u"allowableValues"_s,
                        QJsonObject{{u"valueType"_s, u"LIST"_s},
                                    {u"values"_s, QJsonArray::fromStringList(property.allowableValues)}});
        }
        properties.insert(property.name, json);
    }
    QJsonObject result{{u"id"_s, model.id}, {u"properties"_s, properties}};
    if (!model.description.isEmpty())
        result.insert(u"description"_s, model.description);
    if (!model.discriminator.isEmpty())
        result.insert(u"discriminator"_s, model.discriminator);
    if (!model.subTypes.isEmpty())
        result.insert(u"subTypes"_s, QJsonArray::fromStringList(model.subTypes));
    return result;
}
